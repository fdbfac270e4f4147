package dev.multitask.cli.get;

/** What to do when the file to be written already exists in the output directory ({@code --on-exists}). */
enum ExistingFilePolicy {
    /** Replace it, atomically: readers see the old file or the new one, never a mix. */
    OVERWRITE,
    /** Keep it and write the new file as {@code name.1.ext}, {@code name.2.ext}, ... (wget and aria2's default). */
    RENAME,
    /** Keep it and do not download: the file counts as done. The default with {@code -c}. */
    SKIP
}
