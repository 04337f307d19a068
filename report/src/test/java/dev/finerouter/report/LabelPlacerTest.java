package dev.finerouter.report;

import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelPlacerTest {
    private static XYPlot plot() {
        NumberAxis x = new NumberAxis();
        x.setRange(0, 10);
        NumberAxis y = new NumberAxis();
        y.setRange(0, 10);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        return plot;
    }

    private static LabelPlacer.Label label(String text, double x, double y) {
        return new LabelPlacer.Label(text, x, y, ChartStyle.TICK, Color.BLACK);
    }

    @Test
    void aLoneLabelSitsRightOfItsPointAtItsHeight() {
        List<XYAnnotation> a = LabelPlacer.place(List.of(label("alone", 5, 5)), List.of(new Point2D.Double(5, 5)), List.of(), plot(),
                new Rectangle2D.Double(0, 0, 500, 500));
        assertEquals(1, a.size());
        XYTextAnnotation t = assertInstanceOf(XYTextAnnotation.class, a.get(0));
        assertEquals(5, t.getY(), 1e-9);
        assertEquals(5 + 7 / 50.0, t.getX(), 1e-9, "7 px gap right of the point: 50 px per unit");
    }

    @Test
    void twoLabelsOnOnePointDoNotShareASpot() {
        List<XYAnnotation> a = LabelPlacer.place(List.of(label("first", 5, 5), label("second", 5, 5)),
                List.of(new Point2D.Double(5, 5)), List.of(), plot(), new Rectangle2D.Double(0, 0, 500, 500));
        XYTextAnnotation first = (XYTextAnnotation) a.get(0);
        XYTextAnnotation second = (XYTextAnnotation) a.get(1);
        assertTrue(first.getX() > 5, "the first takes the right side");
        assertEquals(5, first.getY(), 1e-9);
        assertTrue(second.getX() < 5, "the second goes left, at the same height");
        assertEquals(5, second.getY(), 1e-9);
    }

    @Test
    void aLabelAtTheRightEdgeGoesLeft() {
        List<XYAnnotation> a = LabelPlacer.place(List.of(label("edge label", 9.9, 5)), List.of(), List.of(), plot(),
                new Rectangle2D.Double(0, 0, 500, 500));
        XYTextAnnotation t = (XYTextAnnotation) a.get(0);
        assertTrue(t.getX() < 9.9, "placed left of its point, was " + t.getX());
        assertEquals(5, t.getY(), 1e-9);
    }

    @Test
    void aMovedLabelGetsALeaderLine() {
        List<XYAnnotation> a = LabelPlacer.place(List.of(label("a wide label", 5, 5)),
                List.of(new Point2D.Double(5.5, 5), new Point2D.Double(3.5, 5)), List.of(), plot(), new Rectangle2D.Double(0, 0, 500, 500));
        assertEquals(2, a.size(), "text and leader line");
        assertInstanceOf(XYLineAnnotation.class, a.get(1));
    }
}
