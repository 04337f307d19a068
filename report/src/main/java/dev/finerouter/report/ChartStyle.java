package dev.finerouter.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/** The look shared by every chart: white background, light grid, one font family and sizes readable at 1×. */
final class ChartStyle {
    /** Chart titles. */
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    /** Subtitles (what is shown, on which data). */
    static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Axis labels. */
    static final Font AXIS_LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Tick labels, legend items and point labels. */
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Point labels of the highlighted routers. */
    static final Font TICK_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    /** Grid lines. */
    static final Color GRID = new Color(0xdddddd);
    /** Dashed reference lines. */
    static final Stroke DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f);

    private ChartStyle() {
    }

    /** A white chart with the title font set, the given subtitle under it, and the legend (if any) at the bottom. */
    static JFreeChart chart(String title, String subtitle, Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        TextTitle sub = new TextTitle(subtitle, SUBTITLE);
        sub.setPaint(new Color(0x333333));
        chart.addSubtitle(sub);
        LegendTitle legendTitle = chart.getLegend();
        if (legendTitle != null) {
            legendTitle.setItemFont(TICK);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
            legendTitle.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x999999));
        return chart;
    }

    /** A value axis from 0 to 100 (percent, or quality ×100) with the shared fonts. */
    static NumberAxis percentAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setRange(0, 100);
        axis.setLabelFont(AXIS_LABEL);
        axis.setTickLabelFont(TICK);
        return axis;
    }

    /** Quality ×100 with one decimal, or an en dash for NaN. */
    static String pct(double quality) {
        return Double.isFinite(quality) ? String.format(java.util.Locale.ROOT, "%.1f", 100 * quality) : "–";
    }
}
