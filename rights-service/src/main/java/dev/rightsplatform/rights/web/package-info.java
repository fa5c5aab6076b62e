/**
 * RFC 9457 problems (one {@code ProblemType} per problem, one handler) and the input rules: strict JSON, text,
 * times, body size.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.web;

import org.jspecify.annotations.NullMarked;
