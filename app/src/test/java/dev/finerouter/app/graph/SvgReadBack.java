package dev.finerouter.app.graph;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An exported task-graph SVG read back as XML, for the export tests: its node discs, edge lines and texts. */
public final class SvgReadBack {
    private final Document doc;

    private SvgReadBack(Document doc) {
        this.doc = doc;
    }

    /** Parses {@code svg} offline (its DOCTYPE names the W3C DTD, which is not fetched). */
    public static SvgReadBack parse(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return new SvgReadBack(factory.newDocumentBuilder().parse(svg.toFile()));
    }

    /** The root element's name and width attribute. */
    public Element root() {
        return doc.getDocumentElement();
    }

    /** The filled ellipses left of {@code x} (the graph's nodes, not the legend's swatches), as "cx,cy style". */
    public List<String> discsLeftOf(double x) {
        List<String> out = new ArrayList<>();
        for (Element e : elements("ellipse")) {
            String style = e.getAttribute("style");
            if (Double.parseDouble(e.getAttribute("cx")) < x && !style.contains("fill:none")) {
                out.add(e.getAttribute("cx") + "," + e.getAttribute("cy") + " " + style);
            }
        }
        return out;
    }

    /** How many lines start left of {@code x} (the graph's edges, not the legend's rule). */
    public long linesLeftOf(double x) {
        return elements("line").stream().filter(e -> Double.parseDouble(e.getAttribute("x1")) < x).count();
    }

    /** The text of every {@code <text>} element, in document order. */
    public List<String> texts() {
        return elements("text").stream().map(Element::getTextContent).toList();
    }

    private List<Element> elements(String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
