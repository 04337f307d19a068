package dev.finerouter.app.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.Map;

/**
 * The workbench's look, in one place: the AtlantaFX Primer theme (light or dark) and the Feather icons, tooltips and
 * minimum widths of the buttons, so none truncates ("R…") at 1280 × 800.
 */
public final class Look {
    /** Icons by button text (the same action has the same icon everywhere). */
    private static final Map<String, Ikon> ICONS = Map.ofEntries(
            Map.entry("Run", Feather.PLAY), Map.entry("Cancel", Feather.X_CIRCLE), Map.entry("Train router", Feather.CPU),
            Map.entry("Reset to defaults", Feather.ROTATE_CCW), Map.entry("Defaults", Feather.ROTATE_CCW),
            Map.entry("Evaluate", Feather.BAR_CHART_2), Map.entry("Open report…", Feather.FOLDER), Map.entry("Route", Feather.SEND),
            Map.entry("Export history…", Feather.DOWNLOAD), Map.entry("Export CSV…", Feather.DOWNLOAD), Map.entry("Write plan…", Feather.LIST),
            Map.entry("Load scored plan…", Feather.UPLOAD), Map.entry("Accept: write new bundle…", Feather.CHECK_CIRCLE),
            Map.entry("Export report…", Feather.DOWNLOAD), Map.entry("Export chart", Feather.DOWNLOAD),
            Map.entry("Export graph", Feather.DOWNLOAD),
            Map.entry("Retrain with these settings", Feather.REFRESH_CW), Map.entry("Pin", Feather.MAP_PIN), Map.entry("Unpin", Feather.X),
            Map.entry("Calibrate", Feather.TARGET), Map.entry("Apply to α and λ", Feather.CHECK), Map.entry("Run sweep", Feather.ACTIVITY),
            Map.entry("Save as variant…", Feather.SAVE), Map.entry("Apply", Feather.CHECK), Map.entry("Delete", Feather.TRASH_2),
            Map.entry("Load", Feather.UPLOAD), Map.entry("Replay", Feather.PLAY_CIRCLE), Map.entry("File…", Feather.FILE),
            Map.entry("Folder…", Feather.FOLDER), Map.entry("Open proposals…", Feather.FOLDER),
            Map.entry("Write new bundle version…", Feather.SAVE), Map.entry("Fit", Feather.MAXIMIZE), Map.entry("Freeze", Feather.PAUSE));

    /** Tooltips by button text, for the main actions (others get their own text, so a narrow button still says what it does). */
    private static final Map<String, String> TIPS = Map.ofEntries(
            Map.entry("Run", "Run Stage-1 task discovery on the open dataset (Ctrl+R)"),
            Map.entry("Train router", "Train the task classifier and quality estimator on the Stage-1 result (Ctrl+T)"),
            Map.entry("Cancel", "Stop the running work at its next check"),
            Map.entry("Reset to defaults", "Put every setting back to the paper's default"),
            Map.entry("Evaluate", "Evaluate the trained router beside the baselines on the test split"),
            Map.entry("Open report…", "Show an evaluation.json the CLI wrote"),
            Map.entry("Route", "Route the prompt (Ctrl+Enter)"),
            Map.entry("Retrain with these settings", "Run discovery with these τ, k, ℓ, δ, then train the router"),
            Map.entry("Pin", "Keep the current metrics as the baseline the deltas compare against"),
            Map.entry("Fit", "Fit the whole graph into the view"),
            Map.entry("Freeze", "Stop or resume the layout"));

    private Look() {
    }

    /** Sets the application's theme: PrimerDark when {@code dark}, else PrimerLight. */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** Whether the dark theme is the one set. */
    public static boolean isDark() {
        String s = Application.getUserAgentStylesheet();
        return s != null && s.contains("primer-dark");
    }

    /**
     * Gives every button under {@code root} its icon, a tooltip (when it has none) and a minimum width of its preferred
     * width, so it never shrinks to an ellipsis. Safe to call again (after tabs build more content).
     */
    public static void polish(Parent root) {
        for (Node n : root.getChildrenUnmodifiable()) {
            if (n instanceof ButtonBase b) {
                polish(b);
            } else if (n instanceof javafx.scene.control.Label l && !l.isWrapText() && l.getText() != null && !l.getText().isEmpty()
                    && l.getText().length() <= 24 && !l.textProperty().isBound()) {
                l.setMinWidth(Region.USE_PREF_SIZE); // short captions ("Routers", "Search") never shrink to "…"
            } else if (n instanceof javafx.scene.control.TableView<?> t) {
                t.getColumns().forEach(Look::headerWidth);
            }
            if (n instanceof Parent p) {
                polish(p);
            }
        }
    }

    /** Makes every column of {@code t} at least as wide as its header text (for tables whose columns are rebuilt). */
    public static void fitHeaders(javafx.scene.control.TableView<?> t) {
        t.getColumns().forEach(Look::headerWidth);
    }

    /** A column at least as wide as its header text (estimated at 8 px per character of the bold header font). */
    private static void headerWidth(javafx.scene.control.TableColumn<?, ?> c) {
        String text = c.getText() == null ? "" : c.getText();
        double need = 8 * text.length() + 22;
        if (c.getMinWidth() < need) {
            c.setMinWidth(Math.min(need, c.getMaxWidth()));
        }
        c.getColumns().forEach(Look::headerWidth);
    }

    private static void polish(ButtonBase b) {
        String text = b.getText() == null ? "" : b.getText();
        Ikon icon = ICONS.get(text);
        if (icon != null && b.getGraphic() == null) {
            FontIcon fi = new FontIcon(icon);
            fi.getStyleClass().add("fr-icon");
            b.setGraphic(fi);
        }
        if (b.getTooltip() == null && !text.isEmpty()) {
            b.setTooltip(new Tooltip(TIPS.getOrDefault(text, text)));
        }
        b.setMinWidth(Region.USE_PREF_SIZE);
    }

    /** A tooltip for any control (labels and fields whose text may be cut). */
    public static void tip(Control c, String text) {
        c.setTooltip(new Tooltip(text));
    }

    /** A tooltip equal to a labeled control's (possibly truncated) text. */
    public static void tipOwnText(Labeled l) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(l.textProperty());
        l.setTooltip(t);
    }
}
