# Sourced by every script: exports JAVA_HOME pointing at a JDK >= 21 and puts it first on PATH, and sets
# MULTITASK_JAVA_MAJOR to its feature version. Order: $JAVA_HOME if new enough, else the newest JDK under /usr/lib/jvm.
# Bash builtins only on the usual path: ./multitask sources this on every run, and each process started costs
# milliseconds (tens under load) on a small VM.

# Sets _multitask_major to the feature version of the JDK at $1, or to nothing.
_multitask_read_major() {
  _multitask_major=""
  [ -x "$1/bin/javac" ] || return 0
  # The JDK's release file says it without starting a JVM (each start costs ~0.1 s, and this runs per candidate).
  local line
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        _multitask_major="${BASH_REMATCH[1]}"
        return 0
      fi
    done <"$1/release"
  fi
  _multitask_major="$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)"
}

_multitask_java_major() { # prints the feature version of the JDK at $1, or nothing
  _multitask_read_major "$1"
  [ -z "$_multitask_major" ] || echo "$_multitask_major"
}

# Sets _multitask_jdk and _multitask_jdk_major to the JDK to use; fails if there is none >= 21.
_multitask_find_jdk() {
  local candidate
  _multitask_jdk=""
  _multitask_jdk_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    _multitask_read_major "$JAVA_HOME"
    if [ -n "$_multitask_major" ] && [ "$_multitask_major" -ge 21 ]; then
      _multitask_jdk="$JAVA_HOME"
      _multitask_jdk_major="$_multitask_major"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -d "$candidate" ] && [ ! -L "$candidate" ] || continue
    _multitask_read_major "$candidate"
    if [ -n "$_multitask_major" ] && [ "$_multitask_major" -gt "$_multitask_jdk_major" ]; then
      _multitask_jdk="$candidate"
      _multitask_jdk_major="$_multitask_major"
    fi
  done
  [ "$_multitask_jdk_major" -ge 21 ]
}

if ! _multitask_find_jdk; then
  echo "multitask: no JDK 21 or newer found (checked \$JAVA_HOME and /usr/lib/jvm/*); install one, e.g. apt-get install -y openjdk-21-jdk-headless, or set JAVA_HOME" >&2
  exit 3
fi
JAVA_HOME="$_multitask_jdk"
MULTITASK_JAVA_MAJOR="$_multitask_jdk_major"
export JAVA_HOME MULTITASK_JAVA_MAJOR
export PATH="$JAVA_HOME/bin:$PATH"
