package dev.rightsplatform.rights.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rightsplatform.rights.type.RequestType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Receipt links: made and checked by the key alone; anything else names no request; the key is required. */
class ReceiptLinksUnitTests {

    private static final String KEY = "dev-receipt-link-key-change-me-0123456789abcdef";

    private final ReceiptLinks links = new ReceiptLinks(new ReceiptProperties(KEY));

    @Test
    void aLinkNamesItsRequestAndNoOther() {
        var id = UUID.randomUUID();
        var token = links.tokenFor(id);

        assertThat(token).matches(id + "\\.[A-Za-z0-9_-]{43}");
        assertThat(links.portalPathFor(id)).isEqualTo("/receipts/" + token);
        assertThat(links.requestOf(token)).contains(id);
        var mac = token.substring(token.indexOf('.') + 1);
        assertThat(links.requestOf(UUID.randomUUID() + "." + mac)).isEmpty();
        assertThat(links.requestOf(id + "." + (mac.charAt(0) == 'A' ? 'B' : 'A') + mac.substring(1)))
                .isEmpty();
        assertThat(links.requestOf(token.toUpperCase())).isEmpty();
        assertThat(links.requestOf(id.toString())).isEmpty();
        assertThat(links.requestOf("")).isEmpty();
        assertThat(links.requestOf(null)).isEmpty();
    }

    @Test
    void anotherKeyMakesOtherLinks() {
        var id = UUID.randomUUID();
        var other = new ReceiptLinks(new ReceiptProperties(KEY + "-rotated"));

        assertThat(other.tokenFor(id)).isNotEqualTo(links.tokenFor(id));
        assertThat(other.requestOf(links.tokenFor(id))).isEmpty();
    }

    @Test
    void theKeyIsRequiredAndLongEnoughAndNeverShown() {
        for (var bad : new String[] {null, "", "   ", "too-short-0123456789"}) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ReceiptProperties(bad))
                    .withMessageContaining("rights.receipts.link-key")
                    .withMessageContaining("RIGHTS_RECEIPTS_LINK_KEY");
        }
        assertThat(new ReceiptProperties(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void onlyDeregistrationsAndWithdrawalsHaveReceipts() {
        assertThat(ReceiptLinks.hasReceipt(RequestType.DEREGISTER)).isTrue();
        assertThat(ReceiptLinks.hasReceipt(RequestType.WITHDRAW_CONSENT)).isTrue();
        assertThat(ReceiptLinks.hasReceipt(RequestType.ACCESS)).isFalse();
        assertThat(ReceiptLinks.hasReceipt(RequestType.EXPORT)).isFalse();
    }
}
