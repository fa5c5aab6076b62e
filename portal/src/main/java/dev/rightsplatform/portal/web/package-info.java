/** The pages: one controller per area, the language and time zone of each page, error pages. */
@NullMarked
package dev.rightsplatform.portal.web;

import org.jspecify.annotations.NullMarked;
