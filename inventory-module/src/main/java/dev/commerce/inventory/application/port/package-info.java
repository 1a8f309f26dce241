/** Out-ports the inventory use cases need: stock row locks and the stock and reservation stores. */
package dev.commerce.inventory.application.port;
