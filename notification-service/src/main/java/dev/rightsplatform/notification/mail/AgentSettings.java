package dev.rightsplatform.notification.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where agents' alerts go: one team address (a shared mailbox or a list), written to in one language. Without an
 * address, events for agents are recorded as SKIPPED and mail nobody. Start-up fails, naming the setting, on an
 * address the mail library refuses or a language we have no templates for.
 *
 * @param address {@code notification.agents.address}, e.g. {@code privacy-team@rights.example}; blank means none
 * @param locale {@code notification.agents.locale}: {@code en} (the default) or {@code zh-CN}
 */
@ConfigurationProperties("notification.agents")
public record AgentSettings(
        @Nullable String address, @Nullable String locale) {

    public AgentSettings {
        address = address == null || address.isBlank() ? null : checkedAddress(address.strip());
        locale = locale == null || locale.isBlank() ? SupportedLocale.EN.tag() : checkedLocale(locale.strip());
    }

    /** The team address, when one is configured. */
    public Optional<String> teamAddress() {
        return Optional.ofNullable(address);
    }

    /** The language of the alerts. */
    public SupportedLocale language() {
        return SupportedLocale.resolve(locale);
    }

    private static String checkedAddress(String value) {
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            parsed.validate();
            if (parsed.getPersonal() == null && value.equals(parsed.getAddress()) && value.indexOf('@') > 0) {
                return value;
            }
        } catch (AddressException ex) {
            // falls through to the rejection below
        }
        throw new IllegalArgumentException("notification.agents.address is not a plain e-mail address");
    }

    private static String checkedLocale(String value) {
        return Arrays.stream(SupportedLocale.values())
                .filter(supported -> supported.tag().equals(value))
                .findFirst()
                .map(SupportedLocale::tag)
                .orElseThrow(() -> new IllegalArgumentException("notification.agents.locale must be one of "
                        + Arrays.stream(SupportedLocale.values())
                                .map(SupportedLocale::tag)
                                .toList()));
    }
}
