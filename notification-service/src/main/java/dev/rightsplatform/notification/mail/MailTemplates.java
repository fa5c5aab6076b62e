package dev.rightsplatform.notification.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Turns an event into the e-mail text for the recipient's language. Wording lives in resource files
 * ({@code mail/<locale>/<template>.txt} and {@code mail/<locale>/labels.properties}) so translators never touch
 * code; every file is loaded and checked at start-up, so a missing template or label stops the service there and
 * not when the first person should have been told.
 */
@Component
public class MailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private static final Set<String> PLACEHOLDERS = Set.of("reference", "requestType", "deadline");

    private final Map<SupportedLocale, Language> languages = new EnumMap<>(SupportedLocale.class);

    public MailTemplates() {
        for (SupportedLocale locale : SupportedLocale.values()) {
            languages.put(locale, Language.load(locale));
        }
    }

    public RenderedMail render(RequestEvent event, SupportedLocale locale) {
        Language language = languages.get(locale);
        Map<String, String> values = Map.of(
                "reference", event.requestId().toString(),
                "requestType", language.label("requestType." + event.requestType().name()),
                "deadline", language.deadline(event));
        Template template = language.templates().get(event.type());
        return new RenderedMail(fill(template.subject(), values), fill(template.body(), values));
    }

    private static String fill(String text, Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }

    /** The templates and labels of one locale. */
    private record Language(SupportedLocale locale, Properties labels, DateTimeFormatter dates,
            Map<EventType, Template> templates) {

        static Language load(SupportedLocale locale) {
            Properties labels = new Properties();
            try (InputStream in = open(locale, "labels.properties")) {
                labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Map<EventType, Template> templates = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                templates.put(type, Template.load(locale, type.template()));
            }
            Language language = new Language(locale, labels,
                    DateTimeFormatter.ofPattern(required(labels, locale, "deadline.date-pattern"), locale.locale()),
                    templates);
            for (RequestType type : RequestType.values()) {
                language.label("requestType." + type.name());
            }
            language.label("deadline.known");
            language.label("deadline.unknown");
            return language;
        }

        String label(String key) {
            return required(labels, locale, key);
        }

        String deadline(RequestEvent event) {
            if (event.dueAt() == null) {
                return label("deadline.unknown");
            }
            // The date as the publisher stated it, in its offset: that is the date the legal deadline falls on.
            return label("deadline.known").replace("{dueDate}", dates.format(event.dueAt().toLocalDate()));
        }

        private static String required(Properties labels, SupportedLocale locale, String key) {
            String value = labels.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("mail/" + locale.tag() + "/labels.properties lacks " + key);
            }
            return value;
        }

    }

    /** One template file: a "Subject: " line, an empty line, then the body. */
    private record Template(String subject, String body) {

        static Template load(SupportedLocale locale, String name) {
            String file = name + ".txt";
            String text;
            try (InputStream in = open(locale, file)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            String where = "mail/" + locale.tag() + "/" + file;
            if (!text.startsWith("Subject: ") || !text.contains("\n\n")) {
                throw new IllegalStateException(where + " must start with a \"Subject: \" line and an empty line");
            }
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                if (!PLACEHOLDERS.contains(placeholders.group(1))) {
                    throw new IllegalStateException(where + " uses unknown placeholder " + placeholders.group());
                }
            }
            int split = text.indexOf("\n\n");
            return new Template(text.substring("Subject: ".length(), split).strip(), text.substring(split + 2));
        }

    }

    private static InputStream open(SupportedLocale locale, String file) throws IOException {
        ClassPathResource resource = new ClassPathResource("mail/" + locale.tag() + "/" + file);
        if (!resource.exists()) {
            throw new IllegalStateException("missing mail template resource " + resource.getPath());
        }
        return resource.getInputStream();
    }

}
