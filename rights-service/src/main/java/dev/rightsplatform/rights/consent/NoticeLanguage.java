package dev.rightsplatform.rights.consent;

import dev.rightsplatform.rights.web.ContentLanguage;
import org.jspecify.annotations.Nullable;

/** The two languages notices are written in, and which one a caller gets: those of {@link ContentLanguage}. */
final class NoticeLanguage {

    static final String EN = ContentLanguage.EN;
    static final String ZH_CN = ContentLanguage.ZH_CN;

    private NoticeLanguage() {}

    /** The language for an {@code Accept-Language} header, as {@link ContentLanguage#forAcceptLanguage}. */
    static String forAcceptLanguage(@Nullable String header) {
        return ContentLanguage.forAcceptLanguage(header);
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
