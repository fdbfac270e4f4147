# Sourced by scripts that build: finds the JDK, then runs Maven quietly on it without JDK 25's warnings about
# Maven's own use of sun.misc.Unsafe.
. "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
if ! command -v mvn >/dev/null 2>&1; then
  echo "multitask: Maven (mvn) is not installed; apt-get install -y maven" >&2
  exit 3
fi
