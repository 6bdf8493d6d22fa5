"""The web page of rmo (`rmo serve`): a thin Django layer over the core.

Nothing here knows how documents are made: the pages call the same functions the command line
calls (generator.workbook.reader, generator.build, generator.workbook.newyear,
generator.archive.register) and show the same Problem objects. Nothing in the core imports this
package, and only `rmo serve` imports Django, so that `rmo --help` stays fast.

Every page works on one archive folder, resolved per request (`request.rmo_archive`, set by
middleware): `rmo serve ПАПКА` serves one folder to one person; a centre server maps a signed-in
user to their association's folder the same way.
"""
