package dev.rightsplatform.rights.web;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The two languages the service writes texts for people in (consent notices, deadline rules), and which one a caller
 * gets for its {@code Accept-Language}. The value is also what the answer's {@code Content-Language} says.
 */
public final class ContentLanguage {

    public static final String EN = "en";
    public static final String ZH_CN = "zh-CN";

    private ContentLanguage() {}

    /**
     * The language for an {@code Accept-Language} header: the caller's most preferred range that is Chinese (any
     * variant: Simplified Chinese is closer than English) or English; English when none is, or the header is absent
     * or unreadable.
     */
    public static String forAcceptLanguage(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return EN;
        }
        try {
            for (var range : Locale.LanguageRange.parse(header)) {
                var tag = range.getRange();
                if (range.getWeight() <= 0) {
                    continue;
                }
                if (tag.equals("zh") || tag.startsWith("zh-")) {
                    return ZH_CN;
                }
                if (tag.equals("en") || tag.startsWith("en-") || tag.equals("*")) {
                    return EN;
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return EN;
        }
        return EN;
    }

    /** Whether {@code language} (one of this class's constants) is Simplified Chinese. */
    public static boolean isChinese(String language) {
        return ZH_CN.equals(language);
    }
}
