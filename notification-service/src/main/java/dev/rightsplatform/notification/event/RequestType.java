package dev.rightsplatform.notification.event;

/** What the person asked for, as the RequestEvent "requestType" names it. */
public enum RequestType {

    ACCESS, EXPORT, WITHDRAW_CONSENT, DEREGISTER

}
