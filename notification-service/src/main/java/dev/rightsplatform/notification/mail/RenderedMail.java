package dev.rightsplatform.notification.mail;

/** One e-mail ready to send: subject and plain-text body, in the recipient's language. */
public record RenderedMail(String subject, String body) {}
