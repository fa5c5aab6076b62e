package dev.rightsplatform.rights.consent;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The consent purposes that are a sale or sharing of personal data (catalogue flag {@code gpc}): withdrawing one is
 * an opt-out of sale/sharing in the sense of the CCPA, and Global Privacy Control withdraws exactly these. Other
 * features (the compliance reports) read the list here rather than the catalogue itself.
 */
@Component
public class SaleSharingPurposes {

    private final ConsentCatalogue catalogue;

    SaleSharingPurposes(ConsentCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Their ids, sorted. */
    public List<String> ids() {
        return catalogue.gpcPurposes();
    }
}
