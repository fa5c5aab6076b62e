package dev.rightsplatform.notification.mail;

import org.springframework.util.ClassUtils;

/**
 * Names Jakarta Mail's stream provider once, so that it is not looked up on the class path for every mail. Jakarta
 * Mail 2.1 finds its {@code StreamProvider} through {@code ServiceLoader} each time a message is written (twice or
 * more per mail: the body part and its encoding), which reads {@code META-INF/services} of every jar on the class path,
 * about 150 here: a third of the CPU this service spent sending a mail (JFR, 2026-12-07; jakartaee/mail-api#861, open).
 * The lookup reads the system property first and then only loads the named class. An operator's own value wins.
 */
final class StreamProviderLookup {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private StreamProviderLookup() {}

    static void nameAngusUnlessSet() {
        if (System.getProperty(PROPERTY) == null
                && ClassUtils.isPresent(ANGUS, StreamProviderLookup.class.getClassLoader())) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
