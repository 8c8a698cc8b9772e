package org.jstap.lang.diag;

public enum Severity {
    ERROR, WARNING
}
