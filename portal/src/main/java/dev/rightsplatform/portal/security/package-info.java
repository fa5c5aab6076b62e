/** Login (authorization code + PKCE with Keycloak), the session cookie, CSRF, the security headers and logout. */
@NullMarked
package dev.rightsplatform.portal.security;

import org.jspecify.annotations.NullMarked;
