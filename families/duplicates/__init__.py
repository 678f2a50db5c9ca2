"""Finding families that are one: keys, detection, merging and "known elsewhere".

Import from the modules: `keys` (normalisation, trigram similarity), `detection`
(finds and stores candidates), `merging` (merge, undo, "not the same"),
`elsewhere` (what a coordinator sees of the family's requests at other programmes).
"""
