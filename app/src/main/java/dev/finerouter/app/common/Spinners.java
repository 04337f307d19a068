package dev.finerouter.app.common;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

/** Editable spinners kept in step with a view-model property both ways (the settings of Pipeline and Drift). */
public final class Spinners {
    private Spinners() {
    }

    /** A spinner over [min, max] showing and setting {@code p}. */
    public static Spinner<Integer> ofInt(IntegerProperty p, int min, int max, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get(), step);
        s.setEditable(true);
        s.setPrefWidth(100);
        s.getValueFactory().valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                p.set(v);
            }
        });
        p.addListener((o, a, v) -> s.getValueFactory().setValue(v.intValue()));
        return s;
    }

    /** A spinner over [min, max] showing and setting {@code p}, rounded to three decimals. */
    public static Spinner<Double> ofDouble(DoubleProperty p, double min, double max, double step) {
        Spinner<Double> s = new Spinner<>();
        SpinnerValueFactory.DoubleSpinnerValueFactory f = new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, p.get(), step);
        s.setValueFactory(f);
        s.setEditable(true);
        s.setPrefWidth(100);
        f.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                p.set(Math.round(v * 1000) / 1000.0);
            }
        });
        p.addListener((o, a, v) -> f.setValue(v.doubleValue()));
        return s;
    }
}
