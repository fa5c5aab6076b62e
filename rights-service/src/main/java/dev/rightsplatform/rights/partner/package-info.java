/**
 * Partner links: a person authorises a partner app to act for them through the partner API, for the request types
 * they choose, and can revoke it. The partner intake resolves a partner's identities to a linked person only.
 */
@NullMarked
package dev.rightsplatform.rights.partner;

import org.jspecify.annotations.NullMarked;
