package io.lear.verifier.jose;

import io.lear.verifier.error.Reason;

/**
 * What one kind of SD-JWT (RFC 9901) may be — its size, how many disclosures, how deep the resolved JSON — and the
 * reasons its refusals carry; the SD-JWT counterpart of {@link JwsPolicy}. The bounds keep the work of an unverified
 * string small: every disclosure is hashed and decoded once, and the resolution walks at most {@code maxDepth} levels.
 *
 * @param what how refusals name the token
 * @param maxChars the whole string, KB-JWT included (profile §13: a credential is at most 32 KiB)
 * @param maxDisclosures how many disclosures may be sent
 * @param maxDisclosureChars the longest single disclosure
 * @param maxDepth the deepest JSON nesting, before and after disclosures are resolved (profile §13)
 * @param malformed the reason for a string, disclosure or digest use that breaks RFC 9901
 * @param unreferenced the reason for a disclosure whose digest the issuer never signed (profile §16.3)
 */
public record SdJwtPolicy(
        String what,
        int maxChars,
        int maxDisclosures,
        int maxDisclosureChars,
        int maxDepth,
        Reason malformed,
        Reason unreferenced) {

    /** Profile §16.3: an SD-JWT VC machine credential in a VP's {@code verifiableCredential}. */
    public static final SdJwtPolicy CREDENTIAL = new SdJwtPolicy(
            "SD-JWT credential",
            CompactJws.MAX_VC_CHARS,
            64,
            8 * 1024,
            CompactJws.MAX_JSON_DEPTH,
            Reason.VC_MALFORMED,
            Reason.VC_SIGNATURE_INVALID);
}
