/** The web edge shared by every module: problem details for every failure. */
package dev.commerce.platform.web;
