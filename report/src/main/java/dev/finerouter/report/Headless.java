package dev.finerouter.report;

/** Puts {@code java.awt} in headless mode before the first AWT class is touched, so charts render without a display. */
final class Headless {
    private Headless() {
    }

    /**
     * Sets {@code java.awt.headless=true} unless the launcher already chose a mode (the JavaFX workbench may run with a
     * display; AWT drawing into images works in either mode).
     */
    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
