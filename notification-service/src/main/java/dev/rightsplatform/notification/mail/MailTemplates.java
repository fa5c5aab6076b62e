package dev.rightsplatform.notification.mail;

import dev.rightsplatform.notification.event.EventType;
import dev.rightsplatform.notification.event.RequestEvent;
import dev.rightsplatform.notification.event.RequestType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    // The placeholders every template may use.
    private static final Set<String> PLACEHOLDERS =
            Set.of("reference", "requestType", "deadline", "reason", "retention", "requestLink");

    // What every mail to the person must have: the link to the request's page in the privacy portal.
    private static final Set<String> EVERY_MAIL_REQUIRES = Set.of("requestLink");

    // Placeholders only one kind of mail has a value for: the one-time code goes into its own mail and no other;
    // what a carried-out request means for the person (completed.<requestType>) and until when an export's
    // archive can be downloaded only make sense in their own mail.
    private static final Map<EventType, Set<String>> OWN_PLACEHOLDERS = Map.of(
            EventType.VERIFICATION_CODE, Set.of("code", "codeExpiresAt"),
            EventType.COMPLETED, Set.of("outcome", "receipt"),
            EventType.EXPORT_READY, Set.of("availableUntil"));

    // What the law says these mails must tell the person (GDPR Art. 12(3)-(4), PIPL Art. 50: the reasons, and for
    // an extension the new time limit; PIPL Art. 47: the data kept under a legal hold after a request is carried
    // out). A translation that drops one stops the service at start-up. The verification-code mail is useless
    // without its code, misleading without when it expires, and must say which request it confirms. The completed
    // mail must say what now follows for the person (where to read or download their data, say) and link to the
    // signed receipt of a deregistration or withdrawal (the only way to it once the account is gone), and the
    // export-ready mail until when the archive can be downloaded, since it is deleted then.
    private static final Map<EventType, Set<String>> REQUIRED_PLACEHOLDERS = Map.of(
            EventType.REFUSED, Set.of("reason"),
            EventType.EXTENDED, Set.of("reason", "deadline"),
            EventType.COMPLETED, Set.of("retention", "outcome", "receipt"),
            EventType.VERIFICATION_CODE, Set.of("code", "codeExpiresAt", "reference"),
            EventType.EXPORT_READY, Set.of("availableUntil", "reference"));

    // The placeholders an alert to agents may use: what the event says about the request, never about the person.
    private static final Set<String> ALERT_PLACEHOLDERS =
            Set.of("reference", "requestType", "jurisdiction", "dueDate", "systemId", "consoleLink");

    // What every alert must have: which request, and the link to it in the agent console. A late system's alert
    // must name the system, or the team cannot tell which one to chase.
    private static final Set<String> EVERY_ALERT_REQUIRES = Set.of("reference", "consoleLink");

    private static final Map<EventType, Set<String>> ALERT_REQUIRES =
            Map.of(EventType.TASK_OVERDUE, Set.of("systemId"));

    private final Map<SupportedLocale, Language> languages = new EnumMap<>(SupportedLocale.class);

    private final String portal;

    public MailTemplates(PortalSettings portal) {
        this.portal = portal.baseUrl();
        for (SupportedLocale locale : SupportedLocale.values()) {
            languages.put(locale, Language.load(locale));
        }
    }

    /**
     * The request's page in the privacy portal: {@code <base>/requests/<id>} for a person with an account,
     * {@code <base>/without-account/<id>} for a request made without one. A page, never a download: downloads need
     * the signed-in owner's short-lived link.
     */
    String requestLink(RequestEvent event) {
        return portal + (event.withoutAccount() ? "/without-account/" : "/requests/") + event.requestId();
    }

    /** The request's page in the agent console, {@code <base>/console/requests/<id>}: for agents, never the person. */
    String consoleLink(RequestEvent event) {
        return portal + "/console/requests/" + event.requestId();
    }

    /**
     * The alert telling agents about an event for them, in the team's language. It names the request by its reference
     * and carries only what the event says about the request (type, jurisdiction, due date, system): never the
     * person's address, nor an agent's free-text reason. Events for the person have none: asking is a bug.
     */
    public RenderedMail renderAlert(RequestEvent event, SupportedLocale locale) {
        Language language = languages.get(locale);
        Template template = language.alerts().get(event.type());
        if (template == null) {
            throw new IllegalArgumentException(event.type().wireName() + " is not an alert for agents");
        }
        LocalDate due = event.dueDay();
        String systemId = event.systemId();
        String jurisdiction = event.jurisdiction();
        Map<String, String> values = Map.of(
                "reference",
                event.requestId().toString(),
                "requestType",
                language.label("alert.requestType." + event.requestType().name()),
                "jurisdiction",
                jurisdiction == null ? language.label("alert.not-given") : jurisdiction,
                "dueDate",
                due == null
                        ? language.label("alert.not-given")
                        : language.dates().format(due),
                "systemId",
                systemId == null || systemId.isBlank()
                        ? language.label("alert.system.not-given")
                        : systemId.strip().replaceAll("\\s+", " "),
                "consoleLink",
                consoleLink(event));
        return new RenderedMail(fill(template.subject(), values), fill(template.body(), values));
    }

    /** The mail telling the person about the event. Events for agents have none: asking is a bug. */
    public RenderedMail render(RequestEvent event, SupportedLocale locale) {
        Language language = languages.get(locale);
        Template template = language.templates().get(event.type());
        if (template == null) {
            throw new IllegalArgumentException(event.type().wireName() + " is not mailed to the person");
        }
        Map<String, String> values = new HashMap<>(Map.of(
                "reference", event.requestId().toString(),
                "requestType",
                        language.label("requestType." + event.requestType().name()),
                "deadline", language.deadline(event),
                "reason", language.reason(event),
                "retention", language.retention(event.retention()),
                "requestLink", requestLink(event)));
        if (event.type() == EventType.COMPLETED) {
            values.put(
                    "outcome", language.label("completed." + event.requestType().name()));
            String receiptPath = event.receiptPath();
            values.put(
                    "receipt",
                    receiptPath == null
                            ? ""
                            : fill(language.label("receipt.link"), Map.of("link", portal + receiptPath)) + "\n\n");
        }
        RequestEvent.VerificationCode verification = event.verification();
        if (verification != null) {
            values.put("code", verification.code());
            values.put("codeExpiresAt", language.utcTime(verification.expiresAt()));
        }
        OffsetDateTime availableUntil = event.availableUntil();
        if (availableUntil != null) {
            values.put("availableUntil", language.utcTime(availableUntil));
        }
        return new RenderedMail(fill(template.subject(), values), fill(template.body(), values));
    }

    // One pass over the template: text from the event (an agent's reason, a retained category and its legal basis)
    // is inserted as written, never expanded.
    private static String fill(String text, Map<String, String> values) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> Matcher.quoteReplacement(values.get(match.group(1))));
    }

    /** The templates and labels of one locale. */
    private record Language(
            SupportedLocale locale,
            Properties labels,
            DateTimeFormatter dates,
            DateTimeFormatter utcTimes,
            Map<EventType, Template> templates,
            Map<EventType, Template> alerts) {

        static Language load(SupportedLocale locale) {
            Properties labels = new Properties();
            try (InputStream in = open(locale, "labels.properties")) {
                labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Map<EventType, Template> templates = new EnumMap<>(EventType.class);
            Map<EventType, Template> alerts = new EnumMap<>(EventType.class);
            for (EventType type : EventType.values()) {
                if (type.isForPerson()) {
                    templates.put(
                            type,
                            Template.load(
                                    locale, type.template(), allowedPlaceholders(type), requiredPlaceholders(type)));
                } else {
                    alerts.put(
                            type,
                            Template.load(
                                    locale, type.alertTemplate(), ALERT_PLACEHOLDERS, requiredAlertPlaceholders(type)));
                }
            }
            String where = "mail/" + locale.tag() + "/labels.properties";
            DateTimeFormatter utcTimes = DateTimeFormatter.ofPattern(
                            required(labels, locale, "time.utc-pattern"), locale.locale())
                    .withZone(ZoneOffset.UTC);
            LabelChecks.checkUtcPattern(where, utcTimes);
            Language language = new Language(
                    locale,
                    labels,
                    DateTimeFormatter.ofPattern(required(labels, locale, "deadline.date-pattern"), locale.locale()),
                    utcTimes,
                    templates,
                    alerts);
            for (RequestType type : RequestType.values()) {
                language.label("requestType." + type.name());
                language.label("completed." + type.name());
            }
            for (RequestType type : RequestType.values()) {
                language.label("alert.requestType." + type.name());
            }
            language.label("alert.not-given");
            language.label("alert.system.not-given");
            language.label("deadline.known");
            language.label("deadline.unknown");
            language.label("reason.missing");
            language.label("retention.intro");
            language.label("retention.closing");
            language.label("retention.missing");
            LabelChecks.checkRetentionItem(where, language.label("retention.item"));
            LabelChecks.checkReceiptLink(where, language.label("receipt.link"));
            return language;
        }

        String label(String key) {
            return required(labels, locale, key);
        }

        String deadline(RequestEvent event) {
            LocalDate due = event.dueDay();
            if (due == null) {
                return label("deadline.unknown");
            }
            return label("deadline.known").replace("{dueDate}", dates.format(due));
        }

        /**
         * A moment something stops (a code works, an archive can be downloaded), as time and date in UTC, saying so:
         * we do not know the person's time zone. Cut to the minute, so the time written is never later than the
         * real one.
         */
        String utcTime(OffsetDateTime moment) {
            return utcTimes.format(moment.toInstant());
        }

        /** The agent's reason as written; the contract allows none, and the person must then still learn how to ask. */
        String reason(RequestEvent event) {
            String reason = event.reason();
            return reason == null || reason.isBlank() ? label("reason.missing") : reason.strip();
        }

        /**
         * The paragraph telling the person what is kept under a legal hold, ending in an empty line so that it
         * stands before the next paragraph of the template; empty when nothing is kept, leaving the mail as it is
         * without. Category and basis are inserted as written (line breaks made spaces, so each item stays one
         * line); a blank one is replaced by words asking the person to contact us.
         */
        String retention(List<RequestEvent.Retention> retained) {
            if (retained.isEmpty()) {
                return "";
            }
            StringBuilder text = new StringBuilder(label("retention.intro")).append('\n');
            retained.stream()
                    .distinct()
                    .forEach(item -> text.append(fill(
                                    label("retention.item"),
                                    Map.of(
                                            "category", asOneLine(item.category()),
                                            "basis", asOneLine(item.basis()),
                                            "until", dates.format(item.until()))))
                            .append('\n'));
            return text.append(label("retention.closing")).append("\n\n").toString();
        }

        private String asOneLine(String value) {
            String line = value.strip().replaceAll("\\s+", " ");
            return line.isEmpty() ? label("retention.missing") : line;
        }

        private static String required(Properties labels, SupportedLocale locale, String key) {
            String value = labels.getProperty(key);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("mail/" + locale.tag() + "/labels.properties lacks " + key);
            }
            return value;
        }
    }

    /** The placeholders a template of this kind must use. Package-private for its tests. */
    static Set<String> requiredPlaceholders(EventType type) {
        Set<String> required = new HashSet<>(EVERY_MAIL_REQUIRES);
        required.addAll(REQUIRED_PLACEHOLDERS.getOrDefault(type, Set.of()));
        return required;
    }

    /** The placeholders an alert of this kind must use. Package-private for its tests. */
    static Set<String> requiredAlertPlaceholders(EventType type) {
        Set<String> required = new HashSet<>(EVERY_ALERT_REQUIRES);
        required.addAll(ALERT_REQUIRES.getOrDefault(type, Set.of()));
        return required;
    }

    /** The placeholders a template of this kind may use. */
    private static Set<String> allowedPlaceholders(EventType type) {
        Set<String> allowed = new HashSet<>(PLACEHOLDERS);
        allowed.addAll(OWN_PLACEHOLDERS.getOrDefault(type, Set.of()));
        return allowed;
    }

    /** One template file: a "Subject: " line, an empty line, then the body. Package-private for its tests. */
    record Template(String subject, String body) {

        static Template load(SupportedLocale locale, String name, Set<String> allowed, Set<String> required) {
            String file = name + ".txt";
            try (InputStream in = open(locale, file)) {
                return parse(
                        "mail/" + locale.tag() + "/" + file,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        allowed,
                        required);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /** Checks the text of a template that may use the placeholders every template may use. */
        static Template parse(String where, String text, Set<String> required) {
            return parse(where, text, PLACEHOLDERS, required);
        }

        /** Checks a template's text, naming the file ({@code where}) in what it finds wrong. */
        static Template parse(String where, String text, Set<String> allowed, Set<String> required) {
            if (!text.startsWith("Subject: ") || !text.contains("\n\n")) {
                throw new IllegalStateException(where + " must start with a \"Subject: \" line and an empty line");
            }
            Set<String> used = new HashSet<>();
            Matcher placeholders = PLACEHOLDER.matcher(text);
            while (placeholders.find()) {
                if (!allowed.contains(placeholders.group(1))) {
                    boolean elsewhere =
                            OWN_PLACEHOLDERS.values().stream().anyMatch(own -> own.contains(placeholders.group(1)));
                    throw new IllegalStateException(where + " uses " + (elsewhere ? "" : "unknown ")
                            + "placeholder " + placeholders.group()
                            + (elsewhere ? ", which this mail has no value for" : ""));
                }
                used.add(placeholders.group(1));
            }
            for (String placeholder : required) {
                if (!used.contains(placeholder)) {
                    throw new IllegalStateException(where + " must use {" + placeholder + "}");
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
