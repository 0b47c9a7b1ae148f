package io.lear.verifier.trust;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Reads the subject's organizationIdentifier (OID 2.5.4.97, ETSI EN 319 412-1) of a certificate. */
public final class OrganizationIdentifier {
    private static final String OID = "2.5.4.97";
    private static final Map<String, String> KEYWORDS = Map.of(OID, "organizationIdentifier");

    private OrganizationIdentifier() {}

    /** Every organizationIdentifier value in the subject, usually one. */
    public static List<String> of(X509Certificate cert) {
        // With a keyword for the OID, string values are rendered as text instead of #hex.
        String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253, KEYWORDS);
        List<String> out = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("organizationIdentifier") && rdn.getValue() instanceof String s) {
                    out.add(s);
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return out;
    }
}
