package io.lear.verifier.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The WAR's web.xml keeps the sample API closed on every server: RESTEasy (WildFly) ignores {@code @RolesAllowed}
 * unless told, and answered 200 without a token (README, "Deploying on other servers"). The portability run is the
 * end-to-end check; this one fails in seconds when the flag goes.
 */
class WebXmlTest {
    private static Document webXml() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder()
                .parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
    }

    private static Map<String, String> contextParams(Document doc) {
        Map<String, String> params = new HashMap<>();
        NodeList list = doc.getElementsByTagNameNS("*", "context-param");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element) list.item(i);
            params.put(text(p, "param-name"), text(p, "param-value"));
        }
        return params;
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS("*", name).item(0).getTextContent().trim();
    }

    @Test
    void resteasyEnforcesRolesAllowed() throws Exception {
        assertEquals("true", contextParams(webXml()).get("resteasy.role.based.security"));
    }

    @Test
    void noSecurityConstraintThatPayaraWouldTurnIntoAnOpenDoor() throws Exception {
        assertEquals(
                0, webXml().getElementsByTagNameNS("*", "security-constraint").getLength());
    }

    @Test
    void theOnboardingRoleIsDeclared() throws Exception {
        NodeList roles = webXml().getElementsByTagNameNS("*", "role-name");
        boolean declared = false;
        for (int i = 0; i < roles.getLength(); i++) {
            declared |= "DOME/Onboarding/Execute"
                    .equals(roles.item(i).getTextContent().trim());
        }
        assertTrue(declared, "security-role DOME/Onboarding/Execute");
    }
}
