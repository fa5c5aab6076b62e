package dev.rightsplatform.rights.partner;

import dev.rightsplatform.rights.type.RequestType;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store of partner links; the one place that decides whether a partner may act for a person. */
@Component
public class PartnerLinks {

    private final DatabaseClient db;
    private final Clock clock;

    PartnerLinks(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Grants (or changes) a link; emits it as stored. */
    Mono<PartnerLink> grant(
            String subjectId,
            String partnerId,
            java.util.Set<RequestType> types,
            @Nullable String email,
            String locale) {
        var now = clock.instant();
        var spec = db.sql("""
                        insert into partner_link (subject_id, partner_id, request_types, email, email_sha256, locale, granted_at)
                        values (:subject, :partner, :types, :email, :emailHash, :locale, :now)
                        on conflict (subject_id, partner_id) do update set request_types = excluded.request_types,
                            email = excluded.email, email_sha256 = excluded.email_sha256, locale = excluded.locale,
                            granted_at = excluded.granted_at, revoked_at = null
                        returning *""")
                .bind("subject", subjectId)
                .bind("partner", partnerId)
                .bind("types", types.stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("locale", locale)
                .bind("now", now);
        spec = email == null
                ? spec.bindNull("email", String.class).bindNull("emailHash", String.class)
                : spec.bind("email", email).bind("emailHash", emailHash(email));
        return spec.map(PartnerLinks::toLink).one();
    }

    /** Revokes a link; emits whether there was one to revoke. */
    Mono<Boolean> revoke(String subjectId, String partnerId) {
        return db.sql("""
                        update partner_link set revoked_at = :now
                        where subject_id = :subject and partner_id = :partner and revoked_at is null""")
                .bind("now", clock.instant())
                .bind("subject", subjectId)
                .bind("partner", partnerId)
                .fetch()
                .rowsUpdated()
                .map(count -> count > 0);
    }

    /** The person's active links, by partner. */
    Flux<PartnerLink> of(String subjectId) {
        return db.sql(
                        "select * from partner_link where subject_id = :subject and revoked_at is null order by partner_id")
                .bind("subject", subjectId)
                .map(PartnerLinks::toLink)
                .all();
    }

    /**
     * The active link through which {@code partnerId} may ask for {@code type} for the person it names, by account id
     * or by e-mail (its sha256, lower-cased); empty when there is none — whether the person is unknown, unlinked or the
     * link does not cover the type, the answer is the same and takes the same one query.
     */
    public Mono<PartnerLink> find(String partnerId, PartnerIdentity identity, RequestType type) {
        var byEmail = identity.kind() == PartnerIdentity.Kind.EMAIL_SHA256;
        return db.sql("""
                        select * from partner_link
                        where partner_id = :partner and revoked_at is null and :type = any(request_types)
                          and %s = :value
                        limit 1""".formatted(byEmail ? "email_sha256" : "subject_id"))
                .bind("partner", partnerId)
                .bind("type", type.name())
                .bind("value", identity.value())
                .map(PartnerLinks::toLink)
                .one();
    }

    /** Whether the partner may still receive {@code type} results for the person (checked at every read). */
    public Mono<Boolean> covers(String partnerId, String subjectId, RequestType type) {
        return db.sql("""
                        select 1 from partner_link where partner_id = :partner and subject_id = :subject
                          and revoked_at is null and :type = any(request_types)""")
                .bind("partner", partnerId)
                .bind("subject", subjectId)
                .bind("type", type.name())
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** sha256 (hex) of the lower-cased, trimmed address: the form a partner may name a person by. */
    public static String emailHash(String email) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PartnerLink toLink(Readable row) {
        var types = Arrays.stream(row.get("request_types", String[].class))
                .map(RequestType::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RequestType.class)));
        var email = row.get("email", String.class);
        return new PartnerLink(
                row.get("subject_id", String.class),
                row.get("partner_id", String.class),
                types,
                email,
                row.get("locale", String.class),
                row.get("granted_at", java.time.Instant.class));
    }
}
