"""A workshop hub: one JupyterLab with the handbook for every participant (`make hub`)."""
