package dev.rightsplatform.notification.mail;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The languages we write to people in; each has a folder of templates under {@code mail/<tag>/}. */
public enum SupportedLocale {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;

    private final Locale locale;

    SupportedLocale(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag, as the RequestEvent carries it and as the delivery log records it. */
    public String tag() {
        return tag;
    }

    Locale locale() {
        return locale;
    }

    /** The locale to write in for a recipient's locale tag: English when we have nothing closer. */
    public static SupportedLocale resolve(@Nullable String tag) {
        return Arrays.stream(values())
                .filter(supported -> supported.tag.equalsIgnoreCase(tag))
                .findFirst()
                .orElse(EN);
    }
}
