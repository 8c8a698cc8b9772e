package org.jstap.lang.driver;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies the translator build, so that cached modules from another build are never reused:
 * the version and the size and time of the jar (or classes folder) it was loaded from.
 */
final class TranslatorBuild {
    static final String ID = compute();

    private TranslatorBuild() {}

    private static String compute() {
        String version = TranslatorBuild.class.getPackage().getImplementationVersion();
        try {
            Path where = Path.of(TranslatorBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return version + "/" + where + "/" + Files.size(where) + "/" + Files.getLastModifiedTime(where).toMillis();
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            return version + "/unknown/" + System.nanoTime();
        }
    }
}
