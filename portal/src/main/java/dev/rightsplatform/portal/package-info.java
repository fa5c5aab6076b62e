/**
 * The self-service privacy portal. Server-rendered pages (Thymeleaf) in zh-CN and en; the person's tokens stay on
 * this server, in their session in Redis; the browser holds only the session cookie.
 */
@NullMarked
package dev.rightsplatform.portal;

import org.jspecify.annotations.NullMarked;
