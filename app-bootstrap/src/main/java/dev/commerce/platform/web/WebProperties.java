package dev.commerce.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Web edge settings ({@code commerce.web.*}).
 *
 * @param maxRequestBody the largest request body accepted; larger ones are refused with 413
 */
@ConfigurationProperties("commerce.web")
record WebProperties(@DefaultValue("64KB") DataSize maxRequestBody) {
}
