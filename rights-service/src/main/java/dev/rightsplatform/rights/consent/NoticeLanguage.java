package dev.rightsplatform.rights.consent;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The two languages notices are written in, and which one a caller gets. */
final class NoticeLanguage {

    static final String EN = "en";
    static final String ZH_CN = "zh-CN";

    private NoticeLanguage() {
    }

    /**
     * The language for an {@code Accept-Language} header: the caller's most preferred range that is Chinese (any
     * variant: Simplified Chinese is closer than English) or English; English when none is, or the header is absent
     * or unreadable.
     */
    static String forAcceptLanguage(@Nullable String header) {
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

    /** A configured language key ({@code en}, {@code zh-CN}, any case), or null when it is neither. */
    static @Nullable String ofKey(String key) {
        if (EN.equalsIgnoreCase(key)) {
            return EN;
        }
        if (ZH_CN.equalsIgnoreCase(key)) {
            return ZH_CN;
        }
        return null;
    }
}
