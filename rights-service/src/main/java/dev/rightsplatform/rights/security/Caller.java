package dev.rightsplatform.rights.security;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the verified token says: the account id, where and in which language to reach them, the
 * jurisdiction in their profile (may be absent), and their realm roles.
 */
public record Caller(String subjectId, String email, String locale, String jurisdiction, Set<String> roles) {

    public static Caller from(Jwt jwt) {
        return new Caller(
                jwt.getSubject(),
                jwt.getClaimAsString("email"),
                supportedLocale(jwt.getClaimAsString("locale")),
                jwt.getClaimAsString("jurisdiction"),
                KeycloakRoles.realmRoles(jwt));
    }

    public boolean has(Role role) {
        return roles.contains(role.realmRole());
    }

    /** Agents and the privacy officer may see every request; everyone else only their own. */
    public boolean mayReadAnyRequest() {
        return has(Role.SUPPORT_AGENT) || has(Role.PRIVACY_OFFICER);
    }

    /** The platform writes to people in Simplified Chinese or English; anything else falls back to English. */
    public static String supportedLocale(@Nullable String claimed) {
        if (claimed == null) {
            return "en";
        }
        var locale = Locale.forLanguageTag(claimed.replace('_', '-'));
        return "zh".equals(locale.getLanguage()) ? "zh-CN" : "en";
    }
}
