package dev.rightsplatform.rights.web;

import org.springframework.beans.propertyeditors.CustomBooleanEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Query parameters are read as strictly as JSON: a boolean is {@code true} or {@code false}. Spring's default editor
 * also takes yes, on, 1 and their opposites, so {@code ?overdue=1} meant true; now it is a 400 naming the parameter.
 * An editor, not a converter: Spring falls back on its default editor when a converter refuses.
 */
@ControllerAdvice
class StrictParameters {

    @InitBinder
    void strictBooleans(WebDataBinder binder) {
        binder.registerCustomEditor(Boolean.class, new CustomBooleanEditor("true", "false", true));
        binder.registerCustomEditor(boolean.class, new CustomBooleanEditor("true", "false", false));
    }
}
