"""Apps shown in the left column. One module per app; see base.WhittleApp."""
