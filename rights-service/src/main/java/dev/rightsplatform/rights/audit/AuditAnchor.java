package dev.rightsplatform.rights.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A signed anchor: the Merkle root over the heads of every chain that grew since the anchor before it, linked to that
 * anchor by its hash. Signing a chain's head vouches for every entry before it in the chain, whose hashes link to it.
 *
 * @param hash              SHA-256 of {@link #text()}, which the next anchor links to
 * @param signature         the platform key's signature (SHA256withRSA, base64) of {@link #text()}
 * @param certificateSha256 SHA-256 of the signing certificate (DER, hex): which key signed
 */
record AuditAnchor(
        long id,
        Instant anchoredAt,
        int heads,
        String root,
        String prevHash,
        String hash,
        String signature,
        String certificateSha256) {

    /** The head of one chain at anchoring: its last entry's place and hash. */
    record Head(String chain, long pos, String hash) {}

    /** What is hashed and signed. */
    String text() {
        return text(id, anchoredAt, heads, root, prevHash);
    }

    static String text(long id, Instant anchoredAt, int heads, String root, String prevHash) {
        return String.join(
                "\n",
                "rights-audit-anchor/1",
                Long.toString(id),
                anchoredAt.toString(),
                Integer.toString(heads),
                root,
                prevHash);
    }

    /**
     * The Merkle root over the heads sorted by chain (Java's string order, not a database collation). A leaf is
     * SHA-256 of "leaf", chain, pos and hash; a node of "node" and its two children; an odd last node moves up as is.
     */
    static String merkleRoot(List<Head> heads) {
        var level = new ArrayList<String>();
        heads.stream()
                .sorted(Comparator.comparing(Head::chain))
                .forEach(head ->
                        level.add(AuditHash.sha256("leaf\n" + head.chain() + "\n" + head.pos() + "\n" + head.hash())));
        if (level.isEmpty()) {
            return AuditHash.GENESIS;
        }
        List<String> current = level;
        while (current.size() > 1) {
            var next = new ArrayList<String>((current.size() + 1) / 2);
            for (int i = 0; i < current.size(); i += 2) {
                next.add(
                        i + 1 < current.size()
                                ? AuditHash.sha256("node\n" + current.get(i) + "\n" + current.get(i + 1))
                                : current.get(i));
            }
            current = next;
        }
        return current.get(0);
    }
}
