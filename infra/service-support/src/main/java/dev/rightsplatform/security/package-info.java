/** What every service that checks access tokens shares: the cache of tokens already verified. */
@NullMarked
package dev.rightsplatform.security;

import org.jspecify.annotations.NullMarked;
