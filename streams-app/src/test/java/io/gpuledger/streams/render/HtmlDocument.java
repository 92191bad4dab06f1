package io.gpuledger.streams.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A rendered HTML report read back with the JDK's XML parser (the renderer writes well-formed markup), so tests ask
 * for elements by XPath instead of matching substrings.
 */
final class HtmlDocument {

    final String html;
    final Document document;

    private HtmlDocument(String html, Document document) {
        this.html = html;
        this.document = document;
    }

    static HtmlDocument parse(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setExpandEntityReferences(false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
            return new HtmlDocument(html, document);
        } catch (Exception e) {
            throw new AssertionError("not well-formed: " + e.getMessage() + "\n" + html, e);
        }
    }

    List<Element> elements(String xpath) {
        try {
            NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                    .evaluate(xpath, document, XPathConstants.NODESET);
            List<Element> elements = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                elements.add((Element) nodes.item(i));
            }
            return elements;
        } catch (Exception e) {
            throw new AssertionError("bad xpath " + xpath, e);
        }
    }

    Element element(String xpath) {
        List<Element> found = elements(xpath);
        assertThat(found).as("exactly one %s", xpath).hasSize(1);
        return found.get(0);
    }

    List<String> texts(String xpath) {
        return elements(xpath).stream().map(Node::getTextContent).toList();
    }

    String text(String xpath) {
        return element(xpath).getTextContent();
    }

    /** The body rows of a table, each as its cell texts. */
    List<List<String>> rows(String tableId) {
        List<List<String>> rows = new ArrayList<>();
        for (Element row : elements("//table[@id='" + tableId + "']/tbody/tr")) {
            List<String> cells = new ArrayList<>();
            NodeList tds = row.getElementsByTagName("td");
            for (int i = 0; i < tds.getLength(); i++) {
                cells.add(tds.item(i).getTextContent());
            }
            rows.add(cells);
        }
        return rows;
    }

    List<String> headers(String tableId) {
        return texts("//table[@id='" + tableId + "']/thead/tr/th");
    }
}
