package dev.rightsplatform.rights.consent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the consent ledger, {@code rights.consent.*}. The catalogue is checked by {@link ConsentCatalogue} at
 * start-up.
 *
 * @param purposes      the catalogue, by purpose id
 * @param portalClients the OAuth clients ({@code azp}) whose changes count as made through the portal; any other
 *                      client's as made through the API
 * @param gpc           how Global Privacy Control is honoured
 */
@ConfigurationProperties("rights.consent")
record ConsentProperties(
        @Nullable Map<String, PurposeSettings> purposes,
        @Nullable List<String> portalClients,
        @Nullable GpcSettings gpc) {

    ConsentProperties {
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        portalClients = portalClients == null ? List.of("rights-portal", "rights-dev") : List.copyOf(portalClients);
        gpc = gpc == null ? new GpcSettings(null, null) : gpc;
    }

    /**
     * One purpose as configured.
     *
     * @param title   its name, by language ({@code en}, {@code zh-CN})
     * @param notices the notice texts, by version (a positive number; the highest is current), each by language
     * @param gpc     whether it is a sale or sharing of data that Global Privacy Control opts out of
     */
    record PurposeSettings(
            @Nullable Map<String, String> title, @Nullable Map<String, Map<String, String>> notices, boolean gpc) {}

    /**
     * @param timeout            how long a request carrying {@code Sec-GPC: 1} waits for the opt-out to be recorded
     *                           before it goes on regardless (the recording still finishes, or is retried next time)
     * @param rememberedSubjects how many people with a complete GPC opt-out this instance remembers, so their
     *                           requests skip the ledger
     */
    record GpcSettings(@Nullable Duration timeout, @Nullable Integer rememberedSubjects) {

        GpcSettings {
            timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
            rememberedSubjects = rememberedSubjects == null ? 100_000 : rememberedSubjects;
        }
    }
}
