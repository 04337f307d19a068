package dev.finerouter.report;

import dev.finerouter.engine.eval.CurvePoint;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.eval.RouterKind;
import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.eval.RouterResult;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cost–quality chart: x = cost per prompt (log scale when the costs span more than {@value #LOG_SPAN}×; calls per
 * prompt when the pool has no prices), y = Qual ×100 on the test split. Routers with a cost knob are drawn as their
 * frontier (a line) over every measured λ (dots); single models (squares in their model colour) and routers without
 * a knob (diamonds) are labelled points. FineRouter is crimson and drawn on top; the best single model has a large
 * marker and a dashed line at its Qual.
 */
final class CostQualityChart {
    /** File name (without extension). */
    static final String NAME = "cost-quality";
    /** Cost span (max / min) above which the cost axis is logarithmic. */
    static final double LOG_SPAN = 20;

    private static final int SINGLES = 0;
    private static final int KNOBLESS = 1;
    private static final int FRONTIERS = 2;
    private static final int KNOB_POINTS = 3;

    private CostQualityChart() {
    }

    /** Builds the chart for {@code report}, its labels placed for {@code size}. */
    static JFreeChart build(EvaluationReport report, ChartSize size) {
        Headless.ensure();
        List<RouterResult> all = report.results();
        List<RouterResult> singles = new ArrayList<>();
        List<RouterResult> knobless = new ArrayList<>();
        List<RouterResult> knobs = new ArrayList<>();
        for (RouterResult r : all) {
            if (r.kind() == RouterKind.SINGLE_MODEL) {
                singles.add(r);
            } else if (r.hasCostKnob()) {
                knobs.add(r);
            } else {
                knobless.add(r);
            }
        }
        // FineRouter last: drawn on top of every other curve.
        knobs.sort((a, b) -> Boolean.compare(a.kind() == RouterKind.FULL, b.kind() == RouterKind.FULL));

        XYSeriesCollection singleData = new XYSeriesCollection();
        XYSeriesCollection knoblessData = new XYSeriesCollection();
        XYSeriesCollection frontierData = new XYSeriesCollection();
        XYSeriesCollection pointData = new XYSeriesCollection();
        XYLineAndShapeRenderer singleRenderer = new XYLineAndShapeRenderer(false, true);
        XYLineAndShapeRenderer knoblessRenderer = new XYLineAndShapeRenderer(false, true);
        XYLineAndShapeRenderer frontierRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer pointRenderer = new XYLineAndShapeRenderer(false, true);
        singleRenderer.setUseOutlinePaint(true);
        singleRenderer.setDrawOutlines(true);
        knoblessRenderer.setUseOutlinePaint(true);
        knoblessRenderer.setDrawOutlines(true);
        List<Point2D> drawn = new ArrayList<>();
        List<LabelPlacer.Label> labels = new ArrayList<>();
        List<LabelPlacer.Label> minorLabels = new ArrayList<>();
        RouterResult best = report.bestSingleModel() == null ? null
                : singles.stream().filter(r -> r.name().equals(report.bestSingleModel())).findFirst().orElse(null);

        for (RouterResult r : singles) {
            Point2D p = point(r.metrics());
            if (p == null) {
                continue;
            }
            int series = singleData.getSeriesCount();
            singleData.addSeries(series(r.name(), List.of(p)));
            boolean isBest = r == best;
            double side = isBest ? 15 : 10;
            singleRenderer.setSeriesShape(series, new Rectangle2D.Double(-side / 2, -side / 2, side, side));
            int modelIndex = report.models().indexOf(r.name());
            singleRenderer.setSeriesPaint(series, modelIndex >= 0 ? ModelPalette.color(modelIndex) : Color.LIGHT_GRAY);
            singleRenderer.setSeriesOutlinePaint(series, isBest ? new Color(0x333333) : new Color(0x666666));
            singleRenderer.setSeriesOutlineStroke(series, new BasicStroke(isBest ? 2.5f : 1f));
            drawn.add(p);
            LabelPlacer.Label label = new LabelPlacer.Label(isBest ? r.name() + " (best single)" : r.name(), p.getX(), p.getY(),
                    isBest ? ChartStyle.TICK_BOLD : ChartStyle.TICK, isBest ? new Color(0x333333) : new Color(0x555555));
            if (isBest) {
                labels.add(label);
            } else {
                minorLabels.add(label);
            }
        }
        for (RouterResult r : knobless) {
            Point2D p = point(r.metrics());
            if (p == null) {
                continue;
            }
            int series = knoblessData.getSeriesCount();
            knoblessData.addSeries(series(r.name(), List.of(p)));
            Color color = RouterStyles.color(r, report);
            knoblessRenderer.setSeriesShape(series, diamond(r.kind() == RouterKind.FULL ? 8 : 6));
            knoblessRenderer.setSeriesPaint(series, color);
            knoblessRenderer.setSeriesOutlinePaint(series, Color.WHITE);
            drawn.add(p);
            labels.add(new LabelPlacer.Label(r.name(), p.getX(), p.getY(),
                    r.kind() == RouterKind.FULL ? ChartStyle.TICK_BOLD : ChartStyle.TICK, color));
        }
        List<LegendItem> knobLegend = new ArrayList<>();
        for (RouterResult r : knobs) {
            List<Point2D> frontier = new ArrayList<>();
            for (CurvePoint c : r.curve().frontier()) {
                frontier.add(new Point2D.Double(c.costPerPrompt(), 100 * c.qual()));
            }
            List<Point2D> points = new ArrayList<>();
            for (CurvePoint c : r.curve().points()) {
                if (Double.isFinite(c.qual())) {
                    points.add(new Point2D.Double(c.costPerPrompt(), 100 * c.qual()));
                }
            }
            if (points.isEmpty()) {
                continue;
            }
            boolean full = r.kind() == RouterKind.FULL;
            Color color = RouterStyles.color(r, report);
            int series = frontierData.getSeriesCount();
            frontierData.addSeries(series(r.name(), frontier));
            pointData.addSeries(series(r.name(), points));
            BasicStroke stroke = new BasicStroke(full ? 3.5f : 2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            frontierRenderer.setSeriesStroke(series, stroke);
            frontierRenderer.setSeriesPaint(series, color);
            double d = full ? 7 : 5;
            pointRenderer.setSeriesShape(series, new Ellipse2D.Double(-d / 2, -d / 2, d, d));
            pointRenderer.setSeriesPaint(series, color);
            drawn.addAll(points);
            knobLegend.add(lineItem(r.name(), color, stroke));
            Point2D atZero = point(r.metrics());
            if (atZero != null) {
                labels.add(full ? 0 : labels.size(), new LabelPlacer.Label(r.name(), atZero.getX(), atZero.getY(),
                        full ? ChartStyle.TICK_BOLD : ChartStyle.TICK, color));
            }
        }
        labels.addAll(minorLabels);

        ValueAxis xAxis = costAxis(report, drawn);
        NumberAxis yAxis = new NumberAxis("Qual (×100, mean quality over test prompts)");
        rangeQuality(yAxis, drawn);
        style(xAxis);
        style(yAxis);

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(xAxis);
        plot.setRangeAxis(yAxis);
        plot.setDataset(SINGLES, singleData);
        plot.setRenderer(SINGLES, singleRenderer);
        plot.setDataset(KNOBLESS, knoblessData);
        plot.setRenderer(KNOBLESS, knoblessRenderer);
        plot.setDataset(FRONTIERS, frontierData);
        plot.setRenderer(FRONTIERS, frontierRenderer);
        plot.setDataset(KNOB_POINTS, pointData);
        plot.setRenderer(KNOB_POINTS, pointRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setDomainGridlinePaint(ChartStyle.GRID);
        plot.setRangeGridlinePaint(ChartStyle.GRID);
        if (best != null && Double.isFinite(best.metrics().qual())) {
            plot.addRangeMarker(new ValueMarker(100 * best.metrics().qual(), RouterStyles.BEST_SINGLE, ChartStyle.DASHED));
        }
        LegendItemCollection legend = new LegendItemCollection();
        knobLegend.forEach(legend::add);
        if (best != null) {
            legend.add(lineItem("best single model's Qual (" + ChartStyle.pct(best.metrics().qual()) + ")", RouterStyles.BEST_SINGLE,
                    (BasicStroke) ChartStyle.DASHED));
        }
        legend.add(shapeItem("single model (colour = model)", new Rectangle2D.Double(-5, -5, 10, 10), new Color(0xdddddd)));
        legend.add(shapeItem("router without a cost knob", diamond(6), new Color(0x777777)));
        plot.setFixedLegendItems(legend);

        JFreeChart chart = ChartStyle.chart("Cost vs quality: " + report.dataset(), subtitle(report), plot, true);
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.createBufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        List<Double> lines = best != null && Double.isFinite(best.metrics().qual()) ? List.of(100 * best.metrics().qual()) : List.of();
        for (XYAnnotation a : LabelPlacer.place(labels, drawn, lines, plot, area)) {
            plot.addAnnotation(a);
        }
        return chart;
    }

    private static String subtitle(EvaluationReport report) {
        String data = String.format(Locale.ROOT, "%d test prompts", report.testPrompts());
        if (!report.pricesKnown()) {
            return data + "; no prices: every call costs 1, so every router sits at 1 call per prompt and only Qual differs";
        }
        return data + "; line = cost-quality frontier of a router's knob, dots = every λ; labels at λ = 0 (the default setting)";
    }

    /** The cost axis: calls per prompt for equal costs; log when the costs span more than LOG_SPAN×; else linear. */
    static ValueAxis costAxis(EvaluationReport report, List<Point2D> points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point2D p : points) {
            min = Math.min(min, p.getX());
            max = Math.max(max, p.getX());
        }
        if (points.isEmpty()) {
            min = 0;
            max = 1;
        }
        if (!report.pricesKnown()) {
            NumberAxis axis = new NumberAxis("calls per prompt (no prices: every call costs 1)");
            axis.setRange(Math.max(0, min - 0.5), max + 0.5);
            axis.setTickUnit(new NumberTickUnit(0.25));
            return axis;
        }
        if (min > 0 && max / min > LOG_SPAN) {
            LogAxis axis = new LogAxis("cost per prompt (USD, log scale)");
            axis.setBase(10);
            axis.setRange(min / 1.8, max * 1.8);
            axis.setNumberFormatOverride(new DecimalFormat("0.######"));
            axis.setMinorTickMarksVisible(true);
            axis.setTickUnit(new NumberTickUnit(max / min >= 100 ? 1 : 0.5));
            return axis;
        }
        NumberAxis axis = new NumberAxis("cost per prompt (USD)");
        double pad = max > min ? 0.08 * (max - min) : Math.max(0.5 * max, 1e-9);
        axis.setRange(Math.max(0, min - pad), max + pad);
        axis.setNumberFormatOverride(new DecimalFormat("0.######"));
        return axis;
    }

    private static void rangeQuality(NumberAxis axis, List<Point2D> points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Point2D p : points) {
            min = Math.min(min, p.getY());
            max = Math.max(max, p.getY());
        }
        if (points.isEmpty()) {
            axis.setRange(0, 100);
            return;
        }
        double pad = Math.max(3, 0.08 * (max - min));
        axis.setRange(Math.max(0, min - pad), Math.min(100 + pad, max + pad));
        axis.setAutoRangeIncludesZero(false);
    }

    private static void style(ValueAxis axis) {
        axis.setLabelFont(ChartStyle.AXIS_LABEL);
        axis.setTickLabelFont(ChartStyle.TICK);
    }

    /** (cost per prompt, Qual ×100) at λ = 0, or null when either is not finite. */
    private static Point2D point(RouterMetrics m) {
        if (!Double.isFinite(m.costPerPrompt()) || !Double.isFinite(m.qual())) {
            return null;
        }
        return new Point2D.Double(m.costPerPrompt(), 100 * m.qual());
    }

    private static XYSeries series(String key, List<Point2D> points) {
        XYSeries s = new XYSeries(key, false, true);
        for (Point2D p : points) {
            s.add(p.getX(), p.getY());
        }
        return s;
    }

    private static Shape diamond(double r) {
        java.awt.geom.Path2D.Double d = new java.awt.geom.Path2D.Double();
        d.moveTo(0, -r);
        d.lineTo(r, 0);
        d.lineTo(0, r);
        d.lineTo(-r, 0);
        d.closePath();
        return d;
    }

    private static LegendItem lineItem(String label, Paint paint, BasicStroke stroke) {
        LegendItem item = new LegendItem(label, null, null, null, false, new Rectangle2D.Double(-3, -3, 6, 6), false, paint, false,
                paint, stroke, true, new Line2D.Double(-9, 0, 9, 0), stroke, paint);
        item.setLabelFont(ChartStyle.TICK);
        return item;
    }

    private static LegendItem shapeItem(String label, Shape shape, Paint paint) {
        LegendItem item = new LegendItem(label, null, null, null, true, shape, true, paint, true, new Color(0x555555),
                new BasicStroke(1f), false, new Line2D.Double(), new BasicStroke(1f), paint);
        item.setLabelFont(ChartStyle.TICK);
        return item;
    }
}
