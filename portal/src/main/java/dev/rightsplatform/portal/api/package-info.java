/** The calls to rights-service, made with the signed-in person's token, and the shapes of its answers. */
@NullMarked
package dev.rightsplatform.portal.api;

import org.jspecify.annotations.NullMarked;
