/** The adopting company's name, logo, colours and links, from configuration. */
@NullMarked
package dev.rightsplatform.portal.branding;

import org.jspecify.annotations.NullMarked;
