/**
 * Token to caller (account id, email, locale, realm roles) and the service's security rules.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.security;

import org.jspecify.annotations.NullMarked;
