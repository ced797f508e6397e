"""graphsvc: partnership maps for co-creation (samskabelse) in the welfare sector."""

__version__ = "0.1.0"
