package dev.multitask.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version from the jar's manifest, with the Java runtime it runs on; every command names it with {@code
 * mixinStandardHelpOptions} (not inherited through {@code scope = INHERIT}, which would also overwrite a
 * subcommand's own parser settings, such as run's stop at the command).
 */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "multitask " + (version != null ? version : "(development build)"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
