"""graphsvc: partnership maps for co-creation (samskabelse) in the welfare sector."""

__version__ = "0.2.0"
