"""Centre mode of the web page: one server for a district's methodical centre.

The same pages as `rmo serve`, behind Django's accounts: each association has its archive folder
inside the centre folder (laid out as `rmo build -o` lays it out), and the signed-in person's
role decides which folder a request works on and which pages it may open
(generator.web.centre.access). Nothing in the core knows about it.
"""
