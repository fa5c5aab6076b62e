package dev.rightsplatform.portal.branding;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an adopting company changes without touching code: its name (per language), logo, colours and links. Colours
 * are checked here because they are written into a style sheet: anything but a hex colour is refused at start-up.
 *
 * @param companyName      shown in the header and the page titles
 * @param companyNameZh    the name in Chinese, if it differs
 * @param logo             a file (file:/…) or class path resource (classpath:/…) served at /brand/logo; empty: the name only
 * @param primaryColor     buttons and links (#rrggbb); keep it dark enough for white text (WCAG AA, 4.5:1)
 * @param accentColor      the header band
 * @param privacyPolicyUrl the company's privacy policy
 * @param contactUrl       where people reach the privacy team (a mailto: works)
 */
@ConfigurationProperties("portal.branding")
public record Branding(
        @DefaultValue("Rights platform") String companyName,
        @Nullable String companyNameZh,
        @DefaultValue("classpath:/static/assets/logo.svg") String logo,
        @DefaultValue("#1d4ed8") String primaryColor,
        @DefaultValue("#0f172a") String accentColor,
        @DefaultValue("https://example.com/privacy") String privacyPolicyUrl,
        @DefaultValue("mailto:privacy@example.com") String contactUrl) {

    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public Branding {
        for (var color : new String[] {primaryColor, accentColor}) {
            if (!HEX_COLOR.matcher(color).matches()) {
                throw new IllegalArgumentException("portal.branding colours must be #rrggbb, got " + color);
            }
        }
    }

    /** The company's name in this language (zh: the Chinese name when one is set). */
    public String name(String language) {
        return language.startsWith("zh") && companyNameZh != null && !companyNameZh.isBlank()
                ? companyNameZh
                : companyName;
    }
}
