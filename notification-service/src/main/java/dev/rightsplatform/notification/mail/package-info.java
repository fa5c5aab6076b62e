/**
 * E-mail: per-locale templates kept as resource files, and the SMTP sender.
 */
@NullMarked
package dev.rightsplatform.notification.mail;

import org.jspecify.annotations.NullMarked;
