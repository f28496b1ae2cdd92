/**
 * The messages Drover's roles exchange on the event bus, and the framework API of the leading
 * master ({@link io.drover.protocol.MasterService}).
 */
@ModuleGen(name = "drover", groupPackage = "io.drover")
package io.drover.protocol;

import io.vertx.codegen.annotations.ModuleGen;
